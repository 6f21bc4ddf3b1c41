def log = new File(basedir, 'build.log').text
def listed = (log =~ /Unknown topic 'nope'; topics are: ([a-z_, ]+)/)
assert listed.find() : log
def topics = listed.group(1).split(', ') as List
assert topics.containsAll(['audit', 'boot', 'bootstrap', 'caddy', 'configuration', 'hooks', 'lock']) : topics
assert topics == topics.toSorted() : 'topics are listed in name order: ' + topics

// No Java stack-trace frame may reach the user.
assert !(log =~ /(?m)^\s+at [a-z]/) : 'build.log shows a stack trace frame'
