"""rasad.ner"""
