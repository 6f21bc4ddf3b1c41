def log = new File(basedir, 'build.log').text
assert log.contains("config/xamal.yml: helth_check: unknown key; did you mean 'health_check'?")

// No Java stack-trace frame may reach the user.
assert !(log =~ /(?m)^\s+at [a-z]/) : 'build.log shows a stack trace frame'
