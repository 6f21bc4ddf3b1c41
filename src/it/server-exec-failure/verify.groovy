def log = new File(basedir, 'build.log').text
def worker = System.getenv('XAMAL_IT_H3_SSH_PORT')
assert log.contains("[localhost:${worker}] failing on h3") : 'the worker host did not run the command'
['H1', 'H2'].each { key ->
    assert !log.contains("[localhost:${System.getenv("XAMAL_IT_${key}_SSH_PORT")}]") : "${key} is not in the worker role"
}
assert log.contains("Command failed on localhost:${worker} with exit status 3") : 'the failure does not name host and status'
assert log.contains('failing on $(hostname)') : 'the failure does not name the command'
assert !log.contains('at dev.xamal') : 'a stack trace was shown without -X'
