#!/usr/bin/env python3
"""Cross-validated comparison of boilerplate line models on the dev set (5 folds by page): the
shipped two-stage logistic model against gradient-boosted trees on the same features, on a
window of the neighbours' features, and with page-level extras. Prints, for each, the share of
boilerplate removed at content kept >= 0.99 and >= 0.98 (the issue's targets) and the curve.
This is the evidence behind the note on the classifier's limits in the README; it ships nothing.

Usage (from the repository root; needs numpy and scikit-learn, e.g. the peers' virtualenv):
  cargo run --release --example line_features -- ../shared/data/boilerplate-web/dev.jsonl > /tmp/features.jsonl
  .peers/bin/python scripts/boilerplate_models.py /tmp/features.jsonl
"""
import json, os, sys
import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.ensemble import HistGradientBoostingClassifier
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
d = os.path.join(ROOT, '..', 'shared', 'data', 'boilerplate-web')
sys.path.insert(0,d)
from bpnorm import key
import score
sys.path.insert(0, os.path.join(ROOT, 'scripts'))
from train_boilerplate import context
f=open(sys.argv[1]); names=json.loads(f.readline())['features']; pages=[json.loads(l) for l in f]
truth={}
for l in open(d+'/dev_truth.jsonl'):
    t=json.loads(l); truth[t['id']]=t
docs={}
for l in open(d+'/dev.jsonl'):
    r=json.loads(l); docs[r['id']]=r
NI=names.index
for p in pages:
    X=np.array([l['x'] for l in p['lines']],dtype=np.float64).reshape(len(p['lines']),len(names))
    p['X']=X
    t=truth[p['id']]
    wk=[key(w) for w in t['with']]; bk=[key(b) for b in t['without']]
    ys=[]
    for l in p['lines']:
        lk=key(l['text']); w=any(k in lk for k in wk); b=any(k in lk for k in bk)
        ys.append(1 if w and not b else 0 if b and not w else -1)
    p['y']=np.array(ys)
def window(X):
    n=len(X); Z=np.zeros_like(X)
    outs=[X]
    for s in (-2,-1,1,2):
        Y=np.zeros_like(X)
        for i in range(n):
            j=i+s
            if 0<=j<n: Y[i]=X[j]
        outs.append(Y[:, :10])
    return np.hstack(outs)
import re
LAB=re.compile(r'^\S+(\s\S+)?\s?:\s')
def extra(p):
    X=p['X']; n=len(X); lines=[l['text'] for l in p['lines']]
    long=X[:,NI('long_paragraph')]>0
    chars=np.expm1(X[:,NI('log_chars')])
    cum=np.cumsum(chars)/max(chars.sum(),1)
    idx=np.where(long)[0]
    E=np.zeros((n,10))
    for i in range(n):
        if len(idx):
            lo,hi=idx[0],idx[-1]
            E[i,0]=(i-lo)/max(hi-lo,1)
            E[i,1]=np.log1p(max(lo-i,0)); E[i,2]=np.log1p(max(i-hi,0))
        E[i,3]=long[max(0,i-3):i+4].sum(); E[i,4]=long[max(0,i-8):i+9].sum()
        E[i,5]=1.0 if LAB.match(lines[i]) else 0
        E[i,6]=cum[i]
        E[i,7]=long.mean(); E[i,8]=np.log1p(n)
        E[i,9]=(chars[long].sum()/max(chars.sum(),1))
    return E
def feats(p, kind):
    if kind=='win': return window(p['X'])
    if kind=='winx':
        if 'E' not in p: p['E']=extra(p)
        return np.hstack([window(p['X']),p['E']])
    return p['X']
class Ident:
    def fit(self,X,y): return self
    def predict_proba(self,X): return np.stack([1-X[:,0],X[:,0]],1)
def mk(kind):
    if kind=='none': return Ident()
    if kind=='lr': return LogisticRegression(C=1.0,max_iter=5000)
    return HistGradientBoostingClassifier(max_iter=300,learning_rate=0.05,max_leaf_nodes=15,min_samples_leaf=20,l2_regularization=1.0)
def fit(train, m1k, fk, m2k, extra2):
    X1=np.vstack([feats(p,fk)[p['y']>=0] for p in train]); y1=np.concatenate([p['y'][p['y']>=0] for p in train])
    m1=mk(m1k).fit(X1,y1)
    X2=[];y2=[]
    for p in train:
        c=context(m1.predict_proba(feats(p,fk))[:,1])
        if extra2: c=np.hstack([c,p['X']])
        X2.append(c[p['y']>=0]); y2.append(p['y'][p['y']>=0])
    m2=mk(m2k).fit(np.vstack(X2),np.concatenate(y2))
    return m1,m2
def sc(m1,m2,p,fk,extra2):
    c=context(m1.predict_proba(feats(p,fk))[:,1])
    if extra2: c=np.hstack([c,p['X']])
    return m2.predict_proba(c)[:,1]
def run(m1k,fk,m2k,extra2, K=5):
    held={}
    for k in range(K):
        train=[p for i,p in enumerate(pages) if i%K!=k]
        m1,m2=fit(train,m1k,fk,m2k,extra2)
        for i,p in enumerate(pages):
            if i%K==k: held[p['id']]=sc(m1,m2,p,fk,extra2)
    res=[]
    for th in list(np.geomspace(0.004,0.06,30))+list(np.geomspace(1e-5,0.5,30)):
        texts={}
        for p in pages:
            s=held[p['id']].copy()
            X=p['X']
            s[X[:,NI('long_paragraph')]>0]=1
            s[(X[:,NI('rule')]>0)|(X[:,NI('repeated')]>0)]=0
            keep=[l['text'] for l,q in zip(p['lines'],s) if q>=th]
            texts[p['id']]='\n'.join(keep if keep else [l['text'] for l in p['lines']])
        agg,_=score.score_system(list(truth.values()),docs,texts)
        a=agg['ALL']; res.append((th,a[1]/a[0],a[3]/a[2]))
    best=max([r[2] for r in res if r[1]>=0.99] or [0])
    best98=max([r[2] for r in res if r[1]>=0.98] or [0])
    print(m1k,fk,m2k,extra2,'removed@.99',round(best,3),'@.98',round(best98,3),' '.join(f'{t:.4f}:{k:.3f}/{r:.3f}' for t,k,r in sorted(res) if 0.975<=k<0.999),flush=True)
for cfg in [('lr','own','lr',False),('gb','own','lr',False),('gb','win','lr',False),('gb','winx','lr',False),('gb','winx','none',False)]:
    run(*cfg)
