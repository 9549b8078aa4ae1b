"""EnvPool's Procgen against Procgen's own gym3 env (what dd_offline uses): is it the same game, and is it faster?

    pip install envpool        # plus the system Qt >= 5.15 runtime EnvPool's Procgen links against (apt install libqt5gui5)
    python benchmarks/speed/envpool_vs_gym3.py

Same game: both start level 0 (start_level=0, num_levels=1) and take the same actions; the frames are compared step by step.
Speed: 64 envs of each, random actions, 300 steps, same thread count, measured side by side in one run.
"""
import time
import numpy as np
import envpool
from procgen import ProcgenGym3Env


def envpool_env(game, n, threads, start=0, levels=200, seed=0):
    return envpool.make_gymnasium(f'{game.capitalize()}Easy-v0', num_envs=n, batch_size=n, num_threads=threads, seed=seed,
                                  num_levels=levels, start_level=start)


def gym3_env(game, n, threads, start=0, levels=200, seed=0):
    return ProcgenGym3Env(num=n, env_name=game, start_level=start, num_levels=levels, distribution_mode='easy',
                          rand_seed=seed, num_threads=threads)


def same_frames(game, steps=50):
    "How many of the first `steps`+1 frames of level 0 are identical under the same actions."
    e, g = envpool_env(game, 1, 1, 0, 1), gym3_env(game, 1, 1, 0, 1)
    obs, _ = e.reset()
    equal = [np.array_equal(obs[0].transpose(1, 2, 0), g.observe()[1]['rgb'][0])]
    rng = np.random.default_rng(0)
    for _ in range(steps):
        a = rng.integers(0, 15, 1)
        ob = e.step(a)[0]; g.act(a.astype(np.int32))
        equal.append(np.array_equal(ob[0].transpose(1, 2, 0), g.observe()[1]['rgb'][0]))
    return sum(equal), len(equal)


def steps_per_s(step, actions):
    t = time.time()
    for a in actions: step(a)
    return actions.size / (time.time() - t)


if __name__ == '__main__':
    for game in ('bigfish', 'starpilot', 'jumper'):
        k, n = same_frames(game)
        print(f"{game}: {k}/{n} frames identical under the same actions from level 0")
    for game in ('bigfish', 'starpilot', 'jumper'):
        for threads in (1, 2):
            actions = np.random.default_rng(1).integers(0, 15, (300, 64))
            e = envpool_env(game, 64, threads); e.reset()
            g = gym3_env(game, 64, threads)
            ep = steps_per_s(e.step, actions)
            gy = steps_per_s(lambda a: (g.act(a.astype(np.int32)), g.observe()), actions)
            print(f"{game}, {threads} thread(s): EnvPool {ep:,.0f} env-steps/s, gym3 {gy:,.0f} env-steps/s ({ep / gy:.2f}x)")
