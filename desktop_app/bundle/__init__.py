"""The submission bundle (报送材料包): a BagIt bag (RFC 8493) in one deterministic zip,
signed with the installation's Ed25519 key, and the code that verifies one without
trusting it. Nothing here touches the database or Qt: the services fill a bundle and the
bureau's inbox reads them."""
