"""rasad.stages"""
