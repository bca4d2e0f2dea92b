"""rasad.train"""
