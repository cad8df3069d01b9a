"""Business logic: the views parse requests and call these; nothing here renders HTML pages."""
