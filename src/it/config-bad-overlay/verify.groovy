def log = new File(basedir, 'build.log').text
assert log.contains('config/xamal.production.yml: ssh.port: port 70000 is out of range; use a port from 1 to 65535')

// No Java stack-trace frame may reach the user.
assert !(log =~ /(?m)^\s+at [a-z]/) : 'build.log shows a stack trace frame'
