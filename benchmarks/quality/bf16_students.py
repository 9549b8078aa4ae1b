"""Does training a student under bf16 autocast diverge? One student per precision, the same seed and minibatches: 150 Adam
steps at batch 256 on starpilot's training frames with the expert's labels, the loss in fp32; held-out cross-entropy on 2,000 frames.

    python benchmarks/quality/bf16_students.py paper|impala_small     # needs runs/bench-5374k-impala (dd-offline bench --student impala_small ...)
"""
import sys, time, numpy as np, torch
from dd_offline.data import load_dataset
from dd_offline.bench import split_source
from dd_offline.models import make_student, prepare_frames
torch.set_num_threads(1)
d='runs/bench-5374k-impala/starpilot/data/'
train,_=split_source(load_dataset(d+'source.npz'),0.1); probs=torch.as_tensor(np.load(d+'train_probs.npy'))
held=load_dataset(d+'heldout.npz'); hp=torch.as_tensor(np.load(d+'heldout_probs.npy'))
hx=prepare_frames(held.obs[:2000]); hpp=hp[:2000]
arch=sys.argv[1]; lr={'paper':5e-3,'impala_small':1e-3}[arch]
def run(amp, steps=150, fp32_head=False):
    torch.manual_seed(0); m=make_student(arch).to(memory_format=torch.channels_last); opt=torch.optim.Adam(m.parameters(), lr)
    rng=np.random.default_rng(0); t=time.time(); out=[]
    for s in range(steps):
        idx=np.sort(rng.integers(0,len(train),256)); x=prepare_frames(train.obs[idx]).contiguous(memory_format=torch.channels_last); y=probs[idx]
        with torch.autocast('cpu',dtype=torch.bfloat16,enabled=amp):
            logits=m(x)
        loss=-(y*logits.float().log_softmax(-1)).sum(-1).mean()
        opt.zero_grad(); loss.backward()
        gn=torch.nn.utils.clip_grad_norm_(m.parameters(), 1e9)
        opt.step()
        if s%25==24 or s==steps-1:
            with torch.no_grad(): hce=-(hpp*m(hx).float().log_softmax(-1)).sum(-1).mean().item()
            out.append((s+1, round(loss.item(),3), round(gn.item(),3), round(hce,3)))
    return time.time()-t, out
for amp in (False, True):
    dt,out=run(amp); print(arch, 'bf16' if amp else 'fp32', f'{dt:.1f}s', out, flush=True)
