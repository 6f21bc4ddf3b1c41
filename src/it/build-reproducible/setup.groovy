// Make the project a git repository with one commit, so the release is labelled by it.
def git = { List<String> args ->
    def cmd = ['git', '-c', 'user.name=it', '-c', 'user.email=it@example.com', '-c', 'commit.gpgsign=false'] + args
    def pb = new ProcessBuilder(cmd).directory(basedir).redirectErrorStream(true)
    pb.environment().put('GIT_AUTHOR_DATE', '2026-11-20T12:00:00Z')
    pb.environment().put('GIT_COMMITTER_DATE', '2026-11-20T12:00:00Z')
    def p = pb.start()
    def out = p.inputStream.text
    assert p.waitFor() == 0 : "git ${args}: ${out}"
}
// Invoker does not copy dotfiles: write the ignore list here (build.log is written by invoker).
new File(basedir, '.gitignore').text = 'target/\nbuild.log\n'
git(['init', '-q'])
git(['add', '.'])
git(['commit', '-q', '-m', 'reproducible build test'])
return true
