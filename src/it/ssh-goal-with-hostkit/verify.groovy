def log = new File(basedir, 'build.log').text
assert log.contains('xamal:server-exec does not apply with backend: hostkit: HostKit owns the servers\' state')
assert log.contains('xamal:app-version does not apply with backend: hostkit: HostKit owns the servers\' state')
assert log.contains('Use xamal:hostkit-plan and xamal:hostkit-apply (xamal:deploy and xamal:rollback delegate to HostKit)')
assert !log.contains('192.0.2.30:') : 'the goal tried the host'
assert !(log =~ /(?m)^\s+at [a-z]/) : 'build.log shows a stack trace frame'
return true
