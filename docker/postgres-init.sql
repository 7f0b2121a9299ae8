-- one database per service that owns PostgreSQL data (docs/architecture.md)
CREATE DATABASE user_service;
CREATE DATABASE ml_engine;
CREATE DATABASE data_pipeline;
