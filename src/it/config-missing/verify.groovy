def log = new File(basedir, 'build.log').text
assert log.contains('config/xamal.yml: configuration file not found; run mvn xamal:init to create one')

// No Java stack-trace frame may reach the user.
assert !(log =~ /(?m)^\s+at [a-z]/) : 'build.log shows a stack trace frame'
