import re,collections,sys,subprocess
jfr=sys.argv[1]; thread=sys.argv[2] if len(sys.argv)>2 else 'kappa-view'
txt=subprocess.run(['jfr','print','--events','jdk.ExecutionSample',jfr],capture_output=True,text=True).stdout
top=collections.Counter(); incl=collections.Counter(); n=0; allsamp=collections.Counter()
for e in txt.split('jdk.ExecutionSample'):
    fr=re.findall(r'^\s+([\w.$<>]+\.[\w$<>]+)\(', e, re.M)
    th=re.search(r'sampledThread = "([^"]+)"', e)
    if not fr or not th: continue
    allsamp[th.group(1)]+=1
    if thread not in th.group(1): continue
    n+=1; top[fr[0]]+=1
    for f in set(fr): incl[f]+=1
print('threads', allsamp.most_common(5))
print('samples in', thread, n)
print('top frames:')
for f,c in top.most_common(15): print('  %5.1f%% %s'%(100*c/n,f))
print('inclusive (kappa, h2 top):')
for f,c in incl.most_common(40):
    if f.startswith('dev.kappa') or f.startswith('org.h2.mvstore.tx') or 'Merge' in f or 'Secondary' in f or 'compareSearch' in f: print('  %5.1f%% %s'%(100*c/n,f))
