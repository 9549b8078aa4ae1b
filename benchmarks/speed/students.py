"""Student training throughput: the plain fp32 loop vs dd_offline's fast path, measured side by side in one run.

    python benchmarks/speed/students.py                 # CPU
    python benchmarks/speed/students.py --device cuda   # GPU (the fast path is vmap there)

Prints student-steps/s (one optimiser step of one student = 1) for:
  plain loop   fp32 NCHW frames, default memory format, students one after another, torch's default threads,
               glibc's default malloc (measured before dd_offline tunes it);
  + malloc, channels-last, uint8   train_students(mode='loop'): same loop, dd_offline's choices;
  fast path    train_students(mode='auto'): threads on a multi-core CPU, vmap on CUDA;
  and the plain loop again after the malloc tuning, to show that share of the gain.
"""
import argparse, time
import numpy as np
import torch
import torch.nn.functional as F
from dd_offline.core import get_device
from dd_offline.models import StudentCNN
from dd_offline.students import train_students


def plain_loop(frames_f32, labels, n_students, steps, batch_size, lr=5e-3):
    t0 = time.time()
    for i in range(n_students):
        torch.manual_seed(i)
        model = StudentCNN().to(frames_f32.device)
        opt = torch.optim.Adam(model.parameters(), lr=lr)
        for _ in range(steps):
            idx = torch.randint(0, len(frames_f32), (batch_size,), device=frames_f32.device)
            loss = F.cross_entropy(model(frames_f32[idx]), labels[idx])
            opt.zero_grad(); loss.backward(); opt.step()
        loss.item()
    return n_students * steps / (time.time() - t0)


def fast(frames_u8, labels, n_students, steps, batch_size, device, mode='auto'):
    if device.type == 'cuda': torch.cuda.synchronize()
    t0 = time.time()
    train_students(frames_u8, labels, n_students, steps, batch_size, seed=0, device=device, mode=mode)
    if device.type == 'cuda': torch.cuda.synchronize()
    return n_students * steps / (time.time() - t0)


if __name__ == '__main__':
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--device', default='cpu')
    ap.add_argument('--students', type=int, default=4)
    ap.add_argument('--steps', type=int, default=15)
    ap.add_argument('--batch-size', type=int, default=256)
    args = ap.parse_args()
    device = get_device(args.device)
    rng = np.random.default_rng(0)
    frames = torch.as_tensor(rng.integers(0, 256, (4096, 64, 64, 3), dtype=np.uint8), device=device)
    labels = torch.as_tensor(rng.integers(0, 15, 4096), device=device)
    frames_f32 = frames.permute(0, 3, 1, 2).float().div(255).contiguous()
    n, s, b = args.students, args.steps, args.batch_size
    print(f"{n} students x {s} steps at batch {b} on {device} ({torch.get_num_threads()} threads, torch {torch.__version__})")
    plain_loop(frames_f32, labels, 1, 2, b)                    # warm-up
    plain = plain_loop(frames_f32, labels, n, s, b)            # before any dd_offline call: glibc's default malloc
    print(f"  plain fp32 loop                 {plain:8.2f} student-steps/s")
    cl = fast(frames, labels, n, s, b, device, mode='loop')    # train_students tunes malloc (use_fast_malloc)
    print(f"  + malloc, channels-last, uint8  {cl:8.2f} student-steps/s   ({cl / plain:.2f}x)")
    auto = fast(frames, labels, n, s, b, device)
    from dd_offline.students import default_mode
    print(f"  fast path ({default_mode(device):7})           {auto:8.2f} student-steps/s   ({auto / plain:.2f}x)")
    plain2 = plain_loop(frames_f32, labels, n, s, b)
    print(f"  (plain fp32 loop, tuned malloc  {plain2:8.2f} student-steps/s   ({plain2 / plain:.2f}x): malloc's share)")
