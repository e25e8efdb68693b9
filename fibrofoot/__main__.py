from fibrofoot.cli import run

run()
