// The smallest kernel that does something: one thread bumps a counter. Timing many
// dispatches of it measures what one dispatch costs before any data is read.
@group(0) @binding(0) var<storage, read_write> counter: array<u32>;

@compute @workgroup_size(1)
fn main() {
  counter[0] = counter[0] + 1u;
}
