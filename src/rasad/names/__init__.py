"""rasad.names"""
