"""What every room uses: the office's roles and the one scope rule, the clock, the notifier seam, storage errors."""
