// Needs the real test hosts: runs only when the build started them (target/test-hosts.properties).
return new File(basedir, '../../test-hosts.properties').isFile()
