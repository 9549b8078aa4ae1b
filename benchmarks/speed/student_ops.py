"""Where a student's training step spends its time: a torch profile of `train_one` (one thread, as each of the
main job's students trains), op by op, with the share of convolutions against elementwise ops.

    python benchmarks/speed/student_ops.py [--steps 30] [--batch 64]

The main job's students stage is 18,000 such steps (BC 40 x 200, Synthetic 10 x 100 at batch 15, extra rows 30 x 300),
two at a time on two cores.
"""
import argparse
import torch
from torch.profiler import profile, ProfilerActivity
from dd_offline.core import use_fast_malloc
from dd_offline.students import init_students, batch_indices, train_one

CONV_OPS = ('aten::convolution_backward', 'aten::mkldnn_convolution')

def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--steps', type=int, default=30); ap.add_argument('--batch', type=int, default=64)
    a = ap.parse_args()
    torch.set_num_threads(1); use_fast_malloc()
    frames = torch.randint(0, 255, (5000, 64, 64, 3), dtype=torch.uint8); labels = torch.randint(0, 15, (5000,))
    model = init_students(1, 0)[0].train()
    idx = batch_indices(len(frames), a.steps + 10, a.batch, 0, 0)
    train_one(model, frames, labels, idx[:10], 5e-3)                    # warm-up: malloc, oneDNN primitives
    with profile(activities=[ProfilerActivity.CPU]) as prof:
        train_one(model, frames, labels, idx[10:], 5e-3)
    events = prof.key_averages()
    total = sum(e.self_cpu_time_total for e in events)
    print(f"{total / a.steps / 1000:.1f} ms per step (batch {a.batch}, one thread)")
    for e in sorted(events, key=lambda e: -e.self_cpu_time_total)[:10]:
        print(f"  {e.key:<32} {100 * e.self_cpu_time_total / total:5.1f}%")
    conv = sum(e.self_cpu_time_total for e in events if e.key in CONV_OPS)
    print(f"convolutions (forward and backward): {100 * conv / total:.0f}%; everything else: {100 - 100 * conv / total:.0f}%")

if __name__ == '__main__':
    main()
