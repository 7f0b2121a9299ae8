-- one database per service that owns PostgreSQL data (ARCHITECTURE.md §1)
CREATE DATABASE user_service;
CREATE DATABASE ml_engine;
CREATE DATABASE data_pipeline;
