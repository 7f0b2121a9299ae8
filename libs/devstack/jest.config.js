module.exports = {
  displayName: 'devstack',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
};
