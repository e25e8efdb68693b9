"""End-to-end tests: fibrofoot in a real pseudo-terminal, driven with pexpect."""
