def log = new File(basedir, 'build.log').text
assert log.contains("there is no reviewed plan at ") : 'apply did not refuse the missing plan'
assert log.contains('run mvn xamal:hostkit-plan, review it, then xamal:hostkit-apply')
assert log.contains('plan.json (hostkit.plan_out)')
assert !log.contains('Running mix') : 'apply started HostKit without a plan'

// No Java stack-trace frame may reach the user.
assert !(log =~ /(?m)^\s+at [a-z]/) : 'build.log shows a stack trace frame'
return true
