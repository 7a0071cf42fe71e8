// Vitest 5's reporter calls Map.groupBy, which Node gained in version 21; on Node 20 a
// failing test would otherwise crash the report instead of explaining the failure.
if (typeof Map.groupBy !== 'function') {
  Map.groupBy = function groupBy(items, keyOf) {
    const groups = new Map();
    let index = 0;
    for (const item of items) {
      const key = keyOf(item, index++);
      if (!groups.has(key)) groups.set(key, []);
      groups.get(key).push(item);
    }
    return groups;
  };
}
