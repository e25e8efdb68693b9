from fibrofoot.terminal.cli import run

run()
