"""The EPP commands of one registry account, as the application calls them."""
