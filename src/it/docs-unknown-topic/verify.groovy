def log = new File(basedir, 'build.log').text
assert log =~ /Unknown topic 'nope'; topics are: boot, bootstrap, caddy, configuration, /

// No Java stack-trace frame may reach the user.
assert !(log =~ /(?m)^\s+at [a-z]/) : 'build.log shows a stack trace frame'
