// An existing .gitignore (dot files are not copied into the test project) that init must extend.
new File(basedir, '.gitignore').text = 'target/'
return true
