"""rasad.text"""
