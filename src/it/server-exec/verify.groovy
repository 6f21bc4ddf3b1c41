def log = new File(basedir, 'build.log').text
['H1': 'h1', 'H2': 'h2', 'H3': 'h3'].each { key, name ->
    def port = System.getenv("XAMAL_IT_${key}_SSH_PORT")
    def user = System.getenv('XAMAL_IT_USER')
    assert log.contains("[localhost:${port}] ran on ${name} as ${user}") : "no output line from ${name} (port ${port})"
    assert log.contains("[localhost:${port}] to stderr") : "no stderr line from ${name}"
}
assert log.contains('Running echo') && log.contains('on 3 hosts')
assert log.contains('BUILD SUCCESS')
