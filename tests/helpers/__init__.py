"""What the tests share: strategies, wording checks, render fixtures, keys and a real terminal."""
