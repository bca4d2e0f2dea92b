"""rasad.export"""
