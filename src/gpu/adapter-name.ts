/**
 * An adapter's name in words, for the status line and results: "google swiftshader".
 * Some browsers (Firefox) leave adapter.info empty; then the name says what is known.
 */
export function describeAdapter(adapter: GPUAdapter): string {
  const info = adapter.info as GPUAdapterInfo | undefined;
  const parts = info ? [info.vendor, info.architecture, info.device, info.description].filter((p) => p) : [];
  if (parts.length) return [...new Set(parts)].join(' ');
  const fallback = (info as { isFallbackAdapter?: boolean } | undefined)?.isFallbackAdapter
    ?? (adapter as { isFallbackAdapter?: boolean }).isFallbackAdapter;
  return fallback ? 'a software adapter the browser does not name' : 'an adapter the browser does not name';
}

/**
 * Whether the adapter runs on the CPU (SwiftShader, llvmpipe, lavapipe, WARP): it wants
 * other launch shapes than a discrete GPU (see launch-shape.ts).
 */
export function isSoftwareAdapter(adapter: GPUAdapter): boolean {
  const fallback = (adapter.info as { isFallbackAdapter?: boolean } | undefined)?.isFallbackAdapter
    ?? (adapter as { isFallbackAdapter?: boolean }).isFallbackAdapter;
  return Boolean(fallback) || /swiftshader|llvmpipe|lavapipe|warp|software/i.test(describeAdapter(adapter));
}
