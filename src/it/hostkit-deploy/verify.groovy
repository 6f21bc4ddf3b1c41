// deploy with backend: hostkit delegates: one plan then one apply of that plan, in host_kit_path,
// with the configured args; the manifest is written first; no SSH goal work happens. rollback
// then derives the down plan of the plan applied and applies it; hostkit-plan and hostkit-apply
// then make the same two calls as the deploy, for hk-2.
def log = new File(basedir, 'build.log').text
def calls = new File(basedir, 'calls.log').readLines()
def hostKit = new File(basedir, 'host_kit').canonicalPath
def plan = new File(basedir, 'infra/tmp/latest.plan.json').canonicalPath
def config = new File(basedir, 'infra/host.exs').canonicalPath

def applied = new File(basedir, 'infra/tmp/latest.plan.applied.json').canonicalPath
def down = new File(basedir, 'infra/tmp/latest.plan.down.json').canonicalPath
assert calls.size() == 6 : calls
assert calls[0] == "${hostKit} | host_kit.plan --local --sudo --out ${plan} ${config}" : calls[0]
assert calls[1] == "${hostKit} | host_kit.apply --local --sudo --plan ${plan} --confirm ${config}" : calls[1]
assert calls[2] == "${hostKit} | host_kit.down --local --sudo --plan ${applied} --out ${down}" : calls[2]
assert calls[3] == "${hostKit} | host_kit.apply --local --sudo --plan ${down} --confirm ${config}" : calls[3]
assert calls[4] == calls[0] && calls[5] == calls[1] : calls
assert new File(basedir, 'target/xamal/payments-hk-2.tar.gz').isFile()
assert log.count('Applied ' + plan) == 2 : 'the deploy and hostkit-apply each apply the plan'
assert log.contains('Rolled back with ' + down)
assert log.contains('HostKit manifest ') && log.contains('payments-hostkit.etf')
assert log.contains('Applied ' + plan)
assert new File(basedir, 'target/xamal/payments-hk-1.tar.gz').isFile()
assert !log.contains('Deploying payments') : 'the SSH deploy ran'
assert !log.contains('deploy lock') : 'an SSH lock was taken'
def goal = log.substring(log.indexOf('--- xamal-maven-plugin'))
assert !(goal =~ /(?m)^\s+at [a-z]/) : 'the goal printed a stack trace frame'
return true
