import re,collections,sys,subprocess
# top.py JFR thread-substring [depth]: the hottest frames (self) and dev.kappa frames (inclusive) of one thread
jfr=sys.argv[1]; thread=sys.argv[2]
txt=subprocess.run(['jfr','print','--stack-depth','300','--events','jdk.ExecutionSample',jfr],capture_output=True,text=True).stdout
top=collections.Counter(); incl=collections.Counter(); n=0
for e in txt.split('jdk.ExecutionSample'):
    th=re.search(r'sampledThread = "([^"]+)"', e)
    if not th or thread not in th.group(1): continue
    fr=re.findall(r'^\s+([\w.$<>]+\.[\w$<>]+)\(', e, re.M)
    if not fr: continue
    n+=1; top[fr[0]]+=1
    for f in set(fr): incl[f]+=1
print('samples in', thread, n)
for f,c in top.most_common(12): print('  self %5.1f%% %s'%(100*c/n,f))
for f,c in incl.most_common(80):
    if f.startswith('dev.kappa') or f.startswith('org.bouncycastle') or 'jackson' in f: print('  incl %5.1f%% %s'%(100*c/n,f))
