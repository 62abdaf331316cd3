"""The push API: submitting, watching, cancelling and retrying push requests."""
