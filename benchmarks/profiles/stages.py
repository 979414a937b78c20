# stages.py JFR [thread]: the share of a thread's execution samples per indexing stage (first matching frame wins)
import re,collections,sys,subprocess
jfr=sys.argv[1]; thread=sys.argv[2] if len(sys.argv)>2 else 'kappa-view'
txt=subprocess.run(['jfr','print','--stack-depth','300','--events','jdk.ExecutionSample',jfr],capture_output=True,text=True).stdout
STAGES=[('create index (CREATE INDEX after the backlog)','SecondaryIndexes.create'),
 ('commit (H2 TransactionStore.commit)','TransactionStore.commit'),
 ('checkpoints','saveCheckpoints'),
 ('H2 MERGE/INSERT batch','executeBatch'),
 ('RowCodec.bind','RowCodec.bind'),
 ('log read: leaf hash check','checkLeaves'),
 ('log read: other','SignedLog.read'),
 ('JSON decode batch','PayloadDecoder.decode'),
 ('entry decode/handler','IndexingBatch.apply'),
 ('buffering','BufferedViewTables'),
]
c=collections.Counter(); n=0; ts=collections.Counter()
for e in txt.split('jdk.ExecutionSample'):
    th=re.search(r'sampledThread = "([^"]+)"', e)
    if not th or thread not in th.group(1): continue
    fr=re.findall(r'^\s+([\w.$<>]+\.[\w$<>]+)\(', e, re.M)
    if not fr: continue
    n+=1
    for name,pat in STAGES:
        if any(pat in f for f in fr): c[name]+=1; break
    else: c['other: '+fr[-1]]+=1
print('samples', n)
for k,v in c.most_common(25): print('  %5.1f%% %s'%(100*v/n,k))
