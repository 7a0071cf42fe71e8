// A read-only pass over a large buffer: the sum of its floats. Each thread adds its share
// of vec4s, the workgroup adds its threads' sums in shared memory, and one partial sum
// per workgroup is written. How a thread's share is laid out is a setting, because the
// best layout differs between a GPU (neighbouring threads read neighbouring words) and
// SwiftShader (each workgroup runs on one CPU core, so a contiguous block per workgroup
// keeps that core's reads sequential).

struct Params {
  // Number of vec4<f32> in `data`.
  count: u32,
  // 0: grid-stride (thread t reads t, t + T, ...); 1: a contiguous block per workgroup,
  // strided by the workgroup size inside it; 2: a contiguous block per thread; 3: grid-
  // stride with four loads in flight (four sums, so no add waits for the previous one);
  // 4: grid-stride over runs of eight consecutive vec4s per thread, eight sums (how the
  // training kernel reads: each thread takes four whole rows, d + 1 consecutive vec4s).
  arrangement: u32,
}

@group(0) @binding(0) var<storage, read> data: array<vec4<f32>>;
@group(0) @binding(1) var<storage, read_write> partials: array<f32>;
@group(0) @binding(2) var<uniform> params: Params;

const WG: u32 = WORKGROUP_SIZEu;
var<workgroup> sums: array<f32, WG>;

@compute @workgroup_size(WG)
fn main(
  @builtin(local_invocation_index) lid: u32,
  @builtin(workgroup_id) wid: vec3<u32>,
  @builtin(num_workgroups) groups: vec3<u32>,
) {
  let threads = groups.x * WG;
  var acc = vec4<f32>(0.0);
  if (params.arrangement == 0u) {
    for (var i = wid.x * WG + lid; i < params.count; i += threads) {
      acc += data[i];
    }
  } else if (params.arrangement == 1u) {
    let per = (params.count + groups.x - 1u) / groups.x;
    let end = min(params.count, (wid.x + 1u) * per);
    for (var i = wid.x * per + lid; i < end; i += WG) {
      acc += data[i];
    }
  } else if (params.arrangement == 3u) {
    var acc1 = vec4<f32>(0.0);
    var acc2 = vec4<f32>(0.0);
    var acc3 = vec4<f32>(0.0);
    var i = wid.x * WG + lid;
    for (; i + 3u * threads < params.count; i += 4u * threads) {
      acc += data[i];
      acc1 += data[i + threads];
      acc2 += data[i + 2u * threads];
      acc3 += data[i + 3u * threads];
    }
    for (; i < params.count; i += threads) {
      acc += data[i];
    }
    acc += acc1 + acc2 + acc3;
  } else if (params.arrangement == 4u) {
    // Eight named sums, not an array: SwiftShader keeps named values in registers.
    var a1 = vec4<f32>(0.0); var a2 = vec4<f32>(0.0); var a3 = vec4<f32>(0.0); var a4 = vec4<f32>(0.0);
    var a5 = vec4<f32>(0.0); var a6 = vec4<f32>(0.0); var a7 = vec4<f32>(0.0);
    let runs = params.count / 8u;
    for (var r = wid.x * WG + lid; r < runs; r += threads) {
      let b = 8u * r;
      acc += data[b]; a1 += data[b + 1u]; a2 += data[b + 2u]; a3 += data[b + 3u];
      a4 += data[b + 4u]; a5 += data[b + 5u]; a6 += data[b + 6u]; a7 += data[b + 7u];
    }
    for (var i = 8u * runs + wid.x * WG + lid; i < params.count; i += threads) {
      acc += data[i];
    }
    acc = ((acc + a1) + (a2 + a3)) + ((a4 + a5) + (a6 + a7));
  } else {
    let per = (params.count + threads - 1u) / threads;
    let begin = (wid.x * WG + lid) * per;
    let end = min(params.count, begin + per);
    for (var i = begin; i < end; i++) {
      acc += data[i];
    }
  }
  sums[lid] = acc.x + acc.y + acc.z + acc.w;
  workgroupBarrier();
  for (var s = WG / 2u; s > 0u; s >>= 1u) {
    if (lid < s) {
      sums[lid] += sums[lid + s];
    }
    workgroupBarrier();
  }
  if (lid == 0u) {
    partials[wid.x] = sums[0];
  }
}
