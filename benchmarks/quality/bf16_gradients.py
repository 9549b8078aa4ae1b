"""Does bf16 autocast change PPO's update? The PPO gradient in fp32 and under bf16 autocast on the same real rollout,
beside the noise between minibatches that SGD lives with anyway (issue 39, item 2).

    python benchmarks/quality/bf16_gradients.py --game bigfish [--checkpoint experts/checkpoints/bigfish.pt]

One rollout at the paper's settings (64 envs x 256 steps) from the checkpoint's policy in fp32, advantages by GAE from its
value head, rewards scaled by the checkpoint's own running scale; then for each of the 8 minibatches of one epoch the
gradient of the PPO loss in fp32 and in bf16 (the campaign's setting: convolutions in bf16, fc and heads in fp32). Prints
their cosine similarity and relative difference, the cosine between fp32 gradients of different minibatches, and how far
the bf16 policy is from the fp32 one on the rollout's frames (KL, and how often the most likely action differs).
"""
import argparse, itertools, time
import numpy as np
import torch
from dd_offline.core import get_preset, read_torch_file
from dd_offline.envs import make_env
from dd_offline.models import ImpalaCNN
from dd_offline.expert import (PORTABLE_FORMAT, Rollout, EnvState, RewardNormalizer, collect_rollout, compute_gae, ppo_loss)


def load_policy(path):
    rec = read_torch_file(path, 'portable PPO checkpoint', PORTABLE_FORMAT)
    model = ImpalaCNN(**rec['identity']['arch'])
    model.load_state_dict({k: v.float() for k, v in rec['model'].items()})
    return model, rec


def gradient(model, batch, idx, cfg, amp):
    model.zero_grad(set_to_none=True)
    loss, _ = ppo_loss(model, batch, idx, cfg, amp=amp)
    loss.backward()
    return torch.cat([p.grad.flatten() for p in model.parameters()])


def cos(a, b): return float(torch.nn.functional.cosine_similarity(a, b, dim=0))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--game', default='bigfish'); ap.add_argument('--checkpoint', default=None); ap.add_argument('--seed', type=int, default=0)
    a = ap.parse_args()
    torch.manual_seed(a.seed)
    model, rec = load_policy(a.checkpoint or f'experts/checkpoints/{a.game}.pt')
    cfg = get_preset('paper').expert
    env = make_env(a.game, cfg.num_envs, 'id', a.seed)
    norm = RewardNormalizer(cfg.num_envs, cfg.gamma, cfg.reward_clip)
    if rec.get('reward_norm'): norm.load_state_dict(rec['reward_norm'])
    state, buf = EnvState(env, torch.device('cpu'), norm), Rollout(cfg.num_steps, cfg.num_envs, 'cpu')
    t0 = time.time(); model.eval()
    collect_rollout(model, env, state, buf, amp=False)
    with torch.no_grad(): next_value = model(state.obs)[1]
    adv, ret = compute_gae(buf.rewards, buf.values, buf.dones, next_value, state.done, cfg.gamma, cfg.gae_lambda)
    batch = dict(obs=buf.obs.flatten(0, 1), actions=buf.actions.flatten(), logprobs=buf.logprobs.flatten(),
                 advantages=adv.flatten(), returns=ret.flatten(), values=buf.values.flatten())
    print(f"{a.game}: {rec['global_step']:,} env steps; one rollout of {len(batch['actions']):,} frames in {time.time() - t0:.0f} s")

    with torch.no_grad():
        lp32, lp16 = [], []
        for chunk in batch['obs'].split(1024):
            lp32.append(model(chunk)[0].log_softmax(-1))
            with torch.autocast('cpu', dtype=torch.bfloat16): lp16.append(model(chunk)[0].float().log_softmax(-1))
        lp32, lp16 = torch.cat(lp32), torch.cat(lp16)
    kl = float((lp32.exp() * (lp32 - lp16)).sum(-1).mean())
    flips = float((lp32.argmax(-1) != lp16.argmax(-1)).float().mean())
    print(f"policy, bf16 against fp32 on the rollout's frames: KL {kl:.2e} nats; most likely action differs on {100 * flips:.2f}% of frames")

    model.train()
    mb = len(batch['actions']) // cfg.num_minibatches
    perm = torch.randperm(len(batch['actions']))
    g32, same, diff = [], [], []
    for i in range(cfg.num_minibatches):
        idx = perm[i * mb:(i + 1) * mb]
        a32, a16 = gradient(model, batch, idx, cfg, False), gradient(model, batch, idx, cfg, True)
        g32.append(a32); same.append(cos(a32, a16)); diff.append(float((a16 - a32).norm() / a32.norm()))
    noise = [cos(x, y) for x, y in itertools.combinations(g32, 2)]
    print(f"PPO gradient, {cfg.num_minibatches} minibatches of {mb}:")
    print(f"  fp32 against bf16 on the same minibatch: cosine {np.mean(same):.4f} (min {np.min(same):.4f}), relative difference {np.mean(diff):.3f}")
    print(f"  fp32 on one minibatch against fp32 on another: cosine {np.mean(noise):.4f} (range {np.min(noise):.4f} to {np.max(noise):.4f})")


if __name__ == '__main__':
    main()
