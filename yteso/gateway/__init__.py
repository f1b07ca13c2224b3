"""Health-data gateway (cổng tiếp nhận dữ liệu): reading and checking what facilities send."""
