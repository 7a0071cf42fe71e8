/** Saves text as a file through a temporary link: no server round trip. */
export function downloadText(filename: string, text: string, type = 'text/csv'): void {
  downloadBlob(filename, new Blob([text], { type }));
}

/** Saves a Blob (e.g. writeTable's CSV) as a file. */
export function downloadBlob(filename: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const link = Object.assign(document.createElement('a'), { href: url, download: filename });
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // The click has queued the download; the URL can go once this task ends.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
