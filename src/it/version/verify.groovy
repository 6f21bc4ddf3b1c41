def log = new File(basedir, 'build.log').text
assert log.contains('xamal 0.1.0-SNAPSHOT') : 'version goal did not print the plugin version'
