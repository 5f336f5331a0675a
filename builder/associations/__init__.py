"""Associations (samordningsförbund) as tenants: who works for which, and which association a case is in."""
