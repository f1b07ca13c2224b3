"""Master patient index (chỉ mục bệnh nhân chủ): match, link, review, merge and batch cleaning."""
