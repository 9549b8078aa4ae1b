"""PPO expert throughput: dd_offline's trainer in fp32 and in bf16 autocast, beside a plain PPO loop, measured side by side in one run.

    python benchmarks/speed/ppo_throughput.py --rollout paper --variants fp32 bf16     # the campaign's question: bf16 vs fp32 at 64 x 256
    python benchmarks/speed/ppo_throughput.py                                          # CPU-sized rollout, all variants
    python benchmarks/speed/ppo_throughput.py --device cuda                            # GPU, the paper's 64 x 256 rollout

The plain loop is the same algorithm (same rollout, GAE, clipped PPO update) written the obvious way: fp32 NCHW
frames, default memory format, no autocast, per-minibatch .item() calls. `fp32` is the trainer with autocast off
(what it did on CPU before bf16 became the default on CPUs with native bf16); `bf16` is the trainer with bf16 autocast.
Each variant runs the same number of updates on the same game; the first update of each is a warm-up and is not timed.
"""
import argparse, csv, time, tempfile
import torch
from dd_offline.core import ExpertConfig, get_device
from dd_offline.envs import make_env
from dd_offline.models import ImpalaCNN
from dd_offline.expert import train_expert, compute_gae, cpu_has_bf16


def plain_ppo(game, cfg, updates, device):
    "Straightforward PPO (CleanRL style, no speed work); returns env-steps/s over updates after the first."
    torch.manual_seed(0)
    env = make_env(game, cfg.num_envs, 'id', 0, cfg.distribution_mode)
    model = ImpalaCNN().to(device)
    opt = torch.optim.Adam(model.parameters(), lr=cfg.lr, eps=cfg.adam_eps)
    T, N = cfg.num_steps, cfg.num_envs
    obs_buf = torch.zeros(T, N, 3, 64, 64, device=device)
    act_buf, logp_buf, rew_buf, done_buf, val_buf = (torch.zeros(T, N, device=device) for _ in range(5))
    obs = torch.tensor(env.observe(), dtype=torch.float32, device=device).permute(0, 3, 1, 2).contiguous() / 255
    done = torch.zeros(N, device=device)
    for u in range(updates):
        if u == 1: t0 = time.time()
        for t in range(T):
            obs_buf[t], done_buf[t] = obs, done
            with torch.no_grad(): logits, value = model(obs)
            dist = torch.distributions.Categorical(logits=logits)
            action = dist.sample()
            act_buf[t], logp_buf[t], val_buf[t] = action, dist.log_prob(action), value
            frames, r, d = env.step(action.cpu().numpy())
            rew_buf[t] = torch.tensor(r, device=device)
            obs = torch.tensor(frames, dtype=torch.float32, device=device).permute(0, 3, 1, 2).contiguous() / 255
            done = torch.tensor(d, dtype=torch.float32, device=device)
        with torch.no_grad(): next_value = model(obs)[1]
        adv, ret = compute_gae(rew_buf, val_buf, done_buf, next_value, done, cfg.gamma, cfg.gae_lambda)
        b_obs, b_act, b_logp = obs_buf.flatten(0, 1), act_buf.flatten().long(), logp_buf.flatten()
        b_adv, b_ret, b_val = adv.flatten(), ret.flatten(), val_buf.flatten()
        B = T * N; mb = B // cfg.num_minibatches
        for _ in range(cfg.update_epochs):
            perm = torch.randperm(B, device=device)
            for s in range(0, B, mb):
                i = perm[s:s + mb]
                logits, value = model(b_obs[i])
                dist = torch.distributions.Categorical(logits=logits)
                logratio = dist.log_prob(b_act[i]) - b_logp[i]; ratio = logratio.exp()
                a = (b_adv[i] - b_adv[i].mean()) / (b_adv[i].std() + 1e-8)
                pg = torch.max(-a * ratio, -a * ratio.clamp(1 - cfg.clip_coef, 1 + cfg.clip_coef)).mean()
                vc = b_val[i] + (value - b_val[i]).clamp(-cfg.clip_coef, cfg.clip_coef)
                vl = 0.5 * torch.max((value - b_ret[i]) ** 2, (vc - b_ret[i]) ** 2).mean()
                loss = pg - cfg.ent_coef * dist.entropy().mean() + cfg.vf_coef * vl
                opt.zero_grad(); loss.backward()
                torch.nn.utils.clip_grad_norm_(model.parameters(), cfg.max_grad_norm); opt.step()
                _ = (loss.item(), ((ratio - 1) - logratio).mean().item())   # per-minibatch logging, as plain loops do
    return (updates - 1) * T * N / (time.time() - t0)


def trainer(game, cfg, updates, device, amp=None, compile=False):
    "dd_offline's train_expert; env-steps/s over the updates after the first (from its curve), and the curve's last return."
    with tempfile.TemporaryDirectory() as d:
        cfg = ExpertConfig(**{**cfg.__dict__, 'total_steps': updates * cfg.num_envs * cfg.num_steps, 'checkpoint_every': 10_000})
        train_expert(game, cfg, d, device=device, compile=compile, progress=False, verbose=False, amp=amp, checkpoint_seconds=1e9)
        rows = list(csv.DictReader(open(f'{d}/curve.csv')))
    secs = sum(float(r['seconds']) - float(p['seconds']) for p, r in zip(rows, rows[1:]))
    return (updates - 1) * cfg.num_envs * cfg.num_steps / secs


ROLLOUTS = {'paper': dict(num_envs=64, num_steps=256, num_minibatches=8),   # the paper's and the campaign's: minibatches of 2,048
            'cpu': dict(num_envs=16, num_steps=128, num_minibatches=4)}     # minibatches of 512, a quicker measurement

if __name__ == '__main__':
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--game', default='starpilot')
    ap.add_argument('--device', default='cpu')
    ap.add_argument('--rollout', choices=list(ROLLOUTS), default=None, help='default: paper on CUDA, cpu on CPU')
    ap.add_argument('--updates', type=int, default=3, help='updates per variant (the first is warm-up)')
    ap.add_argument('--variants', nargs='+', default=['plain', 'fp32', 'bf16'], choices=['plain', 'fp32', 'bf16', 'compile'])
    ap.add_argument('--rounds', type=int, default=1, help='measure the variants this many times, alternating their order (on a shared machine)')
    args = ap.parse_args()
    device = get_device(args.device)
    rollout = args.rollout or ('paper' if device.type == 'cuda' else 'cpu')
    cfg = ExpertConfig(**ROLLOUTS[rollout])
    print(f"{args.game} on {device} ({torch.get_num_threads()} threads, torch {torch.__version__}, native bf16: {cpu_has_bf16()}): "
          f"{cfg.num_envs} envs x {cfg.num_steps} steps, {cfg.num_minibatches} minibatches, {cfg.update_epochs} epochs, "
          f"{args.updates} updates each", flush=True)
    runs = {'plain': lambda: plain_ppo(args.game, cfg, args.updates, device),   # first: before any dd_offline call tunes malloc
            'fp32': lambda: trainer(args.game, cfg, args.updates, device, amp=False),
            'bf16': lambda: trainer(args.game, cfg, args.updates, device, amp=True),
            'compile': lambda: trainer(args.game, cfg, args.updates, device, compile=True)}
    names = {'plain': 'plain PPO loop', 'fp32': 'trainer, fp32', 'bf16': 'trainer, bf16 autocast', 'compile': 'trainer + compile'}
    order = [v for v in runs if v in args.variants]
    rounds = []
    for r in range(args.rounds):
        results = {v: runs[v]() for v in (order if r % 2 == 0 else order[::-1])}
        results = {v: results[v] for v in order}
        rounds.append(results)
        first = order[0]
        print(f"round {r + 1}:", flush=True)
        for v, x in results.items():
            print(f"  {names[v]:<24} {x:10,.1f} env-steps/s   ({x / results[first]:.2f}x the {names[first]})", flush=True)
    if 'fp32' in order and 'bf16' in order:
        ratios = sorted(r['bf16'] / r['fp32'] for r in rounds)
        print(f"bf16 / fp32 trainer: {', '.join(f'{x:.2f}x' for x in ratios)} (median {ratios[len(ratios) // 2]:.2f}x over {len(ratios)} round(s))", flush=True)
