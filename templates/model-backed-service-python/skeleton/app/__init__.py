"""${{ values.name }}: calls ${{ values.modelRef }} ${{ values.version }}."""
