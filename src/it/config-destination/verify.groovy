import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
// The JSON document is the [INFO] lines between the first '{' line and its closing '}' line.
def lines = log.readLines().findAll { it.startsWith('[INFO] ') }.collect { it.substring(7) }
def start = lines.indexOf('{')
def end = lines.indexOf('}')
assert start >= 0 && end > start : 'no JSON document in build.log'
def doc = new JsonSlurper().parseText(lines[start..end].join('\n'))
// The overlay's list replaces the base list; maps merge; base-only keys and roles stay.
assert doc.servers.web.hosts == ['staging.example.com']
assert doc.servers.worker.hosts == ['worker1.example.com']
assert doc.env.clear == [REGION: 'eu', LOG_LEVEL: 'debug']
assert doc.servers.web.env.clear.LOG_LEVEL == 'debug'
assert doc.caddy.host == 'staging.shop.example.com'
assert doc.caddy.app_port == 4000
assert doc.ssh.user == 'deploy'
