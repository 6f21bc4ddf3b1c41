// Three distinct random markers, each reaching the app through env.secret in a different way:
// a plain value, the output of a $(...) command, and the second line of a multi-line value.
def random = { prefix -> prefix + UUID.randomUUID().toString().replace('-', '') }
def markers = [random('lkA'), random('lkB'), random('lkC')]
new File(basedir, 'markers.txt').text = markers.join('\n') + '\n'
def secrets = new File(basedir, '.xamal/secrets')
secrets.parentFile.mkdirs()
secrets.text = """DB_PASSWORD=${markers[0]}
API_TOKEN=\$(printf '%s' '${markers[1]}')
SIGNING_KEY="-----BEGIN KEY-----
${markers[2]}
-----END KEY-----"
"""
true
