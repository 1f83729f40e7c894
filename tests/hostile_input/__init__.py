"""Bad input, tried on purpose (issue 7). The inventory of forms and endpoints is in test_inventory.py."""
