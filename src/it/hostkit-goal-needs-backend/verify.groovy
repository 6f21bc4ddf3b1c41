def log = new File(basedir, 'build.log').text
assert log.contains('xamal:hostkit-apply works with backend: hostkit, but config/xamal.yml sets backend: ssh (the default)')
assert log.contains('mvn xamal:docs -Dxamal.topic=hostkit')
assert !(log =~ /(?m)^\s+at [a-z]/) : 'build.log shows a stack trace frame'
return true
