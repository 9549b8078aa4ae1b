"""Distillation throughput: a plain PyTorch Eq. 2 loop vs dd_offline's `make_set(real, 'paper', ...)`, measured side by side in one run.

    python benchmarks/speed/distill.py                  # CPU, the paper's settings (150 frames, real batch 256)
    python benchmarks/speed/distill.py --device cuda    # GPU

Prints outer iterations/s (one iteration = a fresh student, BC gradients on a real batch and on the synthetic set,
the second-order step on the synthetic frames) for:
  plain loop   fp32 NCHW frames, default memory format, glibc's default malloc (measured before dd_offline tunes it);
  dd_offline   make_set(real, 'paper', **paper_settings(DistillConfig(...)), compile=False): uint8 real data,
               channels-last, tuned malloc;
  compiled     the same with compile=True (torch.compile of the torch.func step; what 'auto' picks for runs of
               300+ iterations), timed after compiling; the compile time is printed and added to its 1000-iteration total;
and the time 1000 iterations would take with each (the issue's target: under 10 minutes on the 2-core CPU).
"""
import argparse, time
import numpy as np
import torch
import torch.nn.functional as F
from dd_offline.core import DistillConfig, get_device
from dd_offline.data import Episode, dataset_from_episodes
from dd_offline.distill import make_set, paper_settings
from dd_offline.models import StudentCNN


def plain_distill(real_f32, real_labels, n_syn, iterations, batch_size, lr=0.1, momentum=0.5):
    "Eq. 2 written out: the L2 distance between the flattened BC gradients on a real batch and on the synthetic set."
    idx = torch.randperm(len(real_f32))[:n_syn]
    syn, syn_labels = real_f32[idx].clone().requires_grad_(True), real_labels[idx]
    opt = torch.optim.SGD([syn], lr=lr, momentum=momentum)
    t0 = time.time()
    for _ in range(iterations):
        net = StudentCNN().to(real_f32.device)
        params = list(net.parameters())
        b = torch.randint(0, len(real_f32), (batch_size,))
        g_real = torch.autograd.grad(F.cross_entropy(net(real_f32[b]), real_labels[b]), params)
        g_syn = torch.autograd.grad(F.cross_entropy(net(syn), syn_labels), params, create_graph=True)
        loss = (torch.cat([g.flatten() for g in g_real]).detach() - torch.cat([g.flatten() for g in g_syn])).norm()
        opt.zero_grad(); loss.backward(); opt.step()
        with torch.no_grad(): syn.clamp_(0, 1)
    loss.item()
    return iterations / (time.time() - t0)


def ours(real, n_syn, iterations, batch_size, device, compile=False):
    cfg = DistillConfig(n_syn=n_syn, iterations=iterations, real_batch_size=batch_size, snapshot_every=10**6)
    if device.type == 'cuda': torch.cuda.synchronize()
    t0 = time.time()
    make_set(real, 'paper', cfg.n_syn, cfg.labels, 0, device=device, progress=False, compile=compile, **paper_settings(cfg))
    if device.type == 'cuda': torch.cuda.synchronize()
    return iterations / (time.time() - t0)


if __name__ == '__main__':
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--device', default='cpu')
    ap.add_argument('--iterations', type=int, default=20)
    ap.add_argument('--n-syn', type=int, default=150)
    ap.add_argument('--batch-size', type=int, default=256)
    args = ap.parse_args()
    device = get_device(args.device)
    rng = np.random.default_rng(0)
    obs, actions = rng.integers(0, 256, (4096, 64, 64, 3), dtype=np.uint8), rng.integers(0, 15, 4096)
    real = dataset_from_episodes([Episode(obs, actions, np.zeros(len(obs), np.float32), obs[-1], 0)], {'game': 'bench'})
    real_f32 = torch.as_tensor(obs, device=device).permute(0, 3, 1, 2).float().div(255).contiguous()
    labels = torch.as_tensor(actions, device=device)
    n, it, b = args.n_syn, args.iterations, args.batch_size
    print(f"{n} synthetic frames, real batch {b}, {it} iterations on {device} ({torch.get_num_threads()} threads, torch {torch.__version__})")
    plain_distill(real_f32, labels, n, 2, b)                        # warm-up
    plain = plain_distill(real_f32, labels, n, it, b)               # before any dd_offline call: glibc's default malloc
    print(f"  plain fp32 loop   {plain:6.2f} it/s   1000 iterations in {1000 / plain / 60:5.1f} min")
    fast = ours(real, n, it, b, device)
    print(f"  dd_offline        {fast:6.2f} it/s   1000 iterations in {1000 / fast / 60:5.1f} min   ({fast / plain:.2f}x)")
    t0 = time.time(); ours(real, n, 1, b, device, compile=True); compile_s = time.time() - t0   # compiles once per process
    comp = ours(real, n, it, b, device, compile=True)
    print(f"  compiled          {comp:6.2f} it/s   1000 iterations in {(1000 / comp + compile_s) / 60:5.1f} min   ({comp / plain:.2f}x; "
          f"compiling took {compile_s:.0f} s, included)")
    plain2 = plain_distill(real_f32, labels, n, it, b)
    print(f"  (plain fp32 loop, tuned malloc {plain2:6.2f} it/s ({plain2 / plain:.2f}x): malloc's share)")
